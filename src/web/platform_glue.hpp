#pragma once
// Between the pages and the platform's services: who the visitor is as an Actor, and the
// services' message keys as texts in the visitor's language (content/platform/messages.json).
#include <string>

#include "platform/platform.hpp"
#include "web/app.hpp"
#include "web/forms.hpp"

namespace weerbaar::web {

platform::Actor actor_of(const Context& ctx);

// The text for a service's message key; an unknown key reads as a failure of ours.
std::string message(const Context& ctx, const platform::Error& e);
std::string message(const Context& ctx, std::string_view key);

// Puts a service's error on its field (or on fallback_field when it names none).
void add_error(FieldErrors& errors, const Context& ctx, const platform::Error& e, std::string fallback_field);

// The error page for a failed read: not found (also for what the visitor may not see) or 500.
Response failure_page(Context& ctx, const platform::Error& e);

// "23 november 2026" for a Unix time.
std::string human_time(const Context& ctx, platform::Time t);

// Where a business stands, in the visitor's language: the step ("Wacht op bewijs domein",
// "Scan loopt", "Gescand op 3 november 2026"), the latest scan when a newer one waits, and the
// follow-up date of the helper's notes; one line each.
Html standing_html(const Context& ctx, const platform::Standing& st);

// The id in the path, or 0 when it is not a number.
platform::Id id_param(const Context& ctx, const std::string& name = "id");

// Starts a signed-in session for the actor (a new session id; the old one ends). name empty:
// the user's name is looked up.
void sign_in(Context& ctx, const platform::Actor& actor, std::string name = {});

}  // namespace weerbaar::web
