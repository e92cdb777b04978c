#!/usr/bin/env bash
# Refresh and check the translation catalogs (docs/translations.md).
#
#   scripts/messages.sh            re-extract our strings into locale/en (Vietnamese msgids, English
#                                  translations), then list what still needs translating
#   scripts/messages.sh --check    the same checks without changing any file; exits 1 when a string is
#                                  untranslated or fuzzy, a format check fails, or locale_wagtail names
#                                  a msgid the installed Wagtail/Django no longer has (run it after upgrading them)
#
# Needs Debian's gettext (msgattrib, msgcat, msgfmt): scripts/system_deps.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

EN_PO=locale/en/LC_MESSAGES/django.po
WAGTAIL_PO=locale_wagtail/vi/LC_MESSAGES/django.po
PYTHON=.venv/bin/python
[[ -x $PYTHON ]] || PYTHON=python3

check_only=false
case "${1:-}" in
    "") ;;
    --check) check_only=true ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

for tool in msgattrib msgcat msgfmt; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install Debian's gettext (scripts/system_deps.sh)" >&2; exit 2; }
done

tmp=$(mktemp -d)
restore=""
cleanup() {
    # --check leaves the working tree as it was, whatever happened.
    case "$restore" in
        copy) cp "$tmp/en.before.po" "$EN_PO" ;;
        remove) rm -f "$EN_PO" ;;
    esac
    rm -rf "$tmp"
}
trap cleanup EXIT
problems=0

# msgids of the entries of a catalog selected by msgattrib's options, one a line (header left out).
list_msgids() {
    local po=$1
    shift
    msgattrib "$@" --no-obsolete --no-wrap "$po" | sed -n 's/^msgid "\(..*\)"$/\1/p'
}

report() {  # report TITLE LINES...: print a count and the first lines, count them as problems
    local title=$1 lines=$2 n
    n=$(printf '%s' "$lines" | grep -c . || true)
    if ((n > 0)); then
        echo "  $title: $n"
        printf '%s\n' "$lines" | head -n 20 | sed 's/^/      /'
        ((n > 20)) && echo "      … and $((n - 20)) more"
        problems=$((problems + n))
    fi
}

# 1. Our own strings: Vietnamese msgids, English catalog.
if $check_only; then
    if [[ -f $EN_PO ]]; then cp "$EN_PO" "$tmp/en.before.po" && restore=copy; else restore=remove; fi
fi
echo "Extracting strings into $EN_PO"
"$PYTHON" manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=staticfiles \
    --ignore=node_modules --no-location --no-obsolete -v0
cp "$EN_PO" "$tmp/en.po"

echo "English catalog ($EN_PO): $(msgfmt --statistics -o /dev/null "$tmp/en.po" 2>&1)"
report "untranslated" "$(list_msgids "$tmp/en.po" --untranslated)"
report "fuzzy (translation may be stale: check it, then delete the '#, fuzzy' line)" \
    "$(list_msgids "$tmp/en.po" --only-fuzzy)"
msgfmt --check-format -o /dev/null "$tmp/en.po" || problems=$((problems + 1))

# 2. The admin supplement: English msgids that must exist in the installed Wagtail (or Django).
echo "Wagtail supplement ($WAGTAIL_PO): $(msgfmt --statistics -o /dev/null "$WAGTAIL_PO" 2>&1)"
msgfmt --check-format -o /dev/null "$WAGTAIL_PO" || problems=$((problems + 1))
report "untranslated" "$(list_msgids "$WAGTAIL_PO" --untranslated)"
report "fuzzy" "$(list_msgids "$WAGTAIL_PO" --only-fuzzy)"

read -r wagtail_dir wagtail_version django_dir django_version < <("$PYTHON" -c '
import os, django, wagtail
print(os.path.dirname(wagtail.__file__), wagtail.__version__, os.path.dirname(django.__file__), django.get_version())')
mapfile -t en_catalogs < <(find "$wagtail_dir" -path '*/locale/en/LC_MESSAGES/django.po' | sort)
mapfile -t vi_catalogs < <(find "$wagtail_dir" -path '*/locale/vi/LC_MESSAGES/django.po' | sort)
vi_catalogs+=("$django_dir/conf/locale/vi/LC_MESSAGES/django.po" "$django_dir/contrib/auth/locale/vi/LC_MESSAGES/django.po")
msgcat --use-first -o "$tmp/upstream-en.po" "${en_catalogs[@]}" "$django_dir/conf/locale/en/LC_MESSAGES/django.po"
msgcat --use-first -o "$tmp/upstream-vi.po" "${vi_catalogs[@]}"
# Entries whose msgid is in neither Wagtail's nor Django's English catalogs are stale (renamed or removed upstream).
stale=$(msgattrib --set-obsolete --ignore-file="$tmp/upstream-en.po" "$WAGTAIL_PO" |
    msgattrib --only-obsolete --no-wrap | sed -n 's/^#~ msgid "\(..*\)"$/\1/p')
report "msgids found in neither Wagtail $wagtail_version nor Django $django_version (update or delete them)" "$stale"
# Entries that replace a translation Wagtail or Django already ships (each is marked "# overrides").
msgattrib --translated --no-fuzzy -o "$tmp/upstream-vi-translated.po" "$tmp/upstream-vi.po"
overrides=$(msgattrib --set-obsolete --only-file="$tmp/upstream-vi-translated.po" "$WAGTAIL_PO" |
    msgattrib --only-obsolete --no-wrap | grep -c '^#~ msgid "..*"$' || true)
echo "  checked against Wagtail $wagtail_version and Django $django_version: $overrides entries replace a shipped vi translation"

if ((problems > 0)); then
    echo "$problems problem(s) to fix."
    $check_only && exit 1
else
    echo "All strings translated."
fi
exit 0
