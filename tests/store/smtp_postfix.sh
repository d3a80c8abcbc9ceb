#!/usr/bin/env bash
# Runs the platform's e-mail tests against a real Postfix on the store's own loopback address
# (127.62.5.2:25) that delivers everything for mail.test into a Maildir, then stops it.
# Usage: smtp_postfix.sh WEERBAAR_UNIT
set -euo pipefail
# Fixed addresses: one run at a time on this machine (test runs of several checkouts).
exec 9>/tmp/weerbaar-store-servers.lock
flock 9
unit=$1
addr=127.62.5.2
dir=$(mktemp -d /tmp/weerbaar-store-postfix.XXXXXX)
if ! command -v postfix >/dev/null; then echo "smtp_postfix: postfix is not installed" >&2; exit 1; fi
chmod 755 "$dir"
mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/mail"
chown postfix "$dir/data"
chown 65534:65534 "$dir/mail"
sed -E "s/^([a-z-]+ +[a-z-]+ +[-yn] +[-yn] +)y /\1n /; s/^smtp( +)inet/$addr:smtp inet/" \
  /usr/share/postfix/master.cf.dist >"$dir/etc/master.cf"
cat >"$dir/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file_prefixes = /var, /dev/stdout, /tmp
maillog_file = $dir/maillog
myhostname = mx.mail.test
inet_interfaces = loopback-only
virtual_mailbox_domains = mail.test
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = inline:{ {@mail.test=catchall/} }
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
CONF
stop() { postfix -c "$dir/etc" stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
postfix -c "$dir/etc" start >/dev/null 2>&1 || { echo "smtp_postfix: postfix did not start:" >&2; cat "$dir/maillog" >&2 || true; exit 1; }
for _ in $(seq 50); do (exec 3<>/dev/tcp/$addr/25) 2>/dev/null && break; sleep 0.1; done
WEERBAAR_TEST_SMTP_URL="smtp://$addr:25/weerbaar.test" WEERBAAR_TEST_MAILDIR="$dir/mail/catchall" \
  "$unit" --gtest_filter='Store/SmtpDelivery.*'
