"""Certificate codes: 100 random bits, written in Crockford's base 32, in groups of four.

The alphabet has no I, L, O or U, so nothing printed can be misread (1 and I, 0 and O) and no
word can be spelt by chance. What people type is forgiving: case, spaces, dashes and dots are
ignored, and I or L read as 1, O as 0, as Crockford's decoding rules say.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20  # 20 symbols × 5 bits = 100 bits of randomness
GROUP = 4
BITS = LENGTH * 5

_TYPED_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-–—_.·]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    """A new random code, stored in its compact form (20 symbols, no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(typed: str) -> str | None:
    """The compact form of what someone typed or scanned, or None when it cannot be a code."""
    if not typed or len(typed) > 64:
        return None
    compact = _SEPARATORS.sub("", typed).upper().translate(_TYPED_ALIASES)
    return compact if _VALID.match(compact) else None


def format_code(code: str) -> str:
    """The printed form: groups of four joined by dashes (ABCD-EFGH-JKMN-PQRS-TVWX)."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
