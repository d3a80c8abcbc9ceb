#pragma once
// Checks of what people type into the platform's forms. Each returns the normalised value or
// nullopt; the services turn nullopt into an error key on the field.
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::platform {

// An e-mail address we can send to: one @, no spaces or line breaks (header injection), a
// domain with a dot, at most 254 characters. Lower-cases the domain part.
std::optional<std::string> normalise_email(std::string_view s);
// A Dutch postcode "1234 AB" (space optional, any case), as "1234AB"; 0xxx, SA, SD, SS do not
// exist.
std::optional<std::string> normalise_postcode(std::string_view s);
// The dashboard's postcode area: the first two digits ("35" for 3511AB), a region about the
// size of a municipality or two: small enough to mean something locally, large enough that
// few areas fall under the minimum group size.
std::string postcode_area(std::string_view normalised_postcode);
// Trimmed, non-empty, at most max characters, no control characters.
std::optional<std::string> clean_line(std::string_view s, std::size_t max);
// A URL-safe campaign slug from its name ("Veilig Ondernemen Utrecht" -> "veilig-ondernemen-utrecht").
std::string slugify(std::string_view name);

}  // namespace weerbaar::platform
