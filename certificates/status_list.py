"""The revocation list every Open Badges credential names: a W3C Bitstring Status List.

One list for the site, at ``/certificates/status/revocation/``, signed as a VC-JWT like the
credentials. Bit *i* (counting from the first, most significant bit of the first byte) belongs to
the certificate whose ``status_index`` is *i*; it is set when that certificate is revoked or
superseded by a reissue. The list is at least 16 KB (131,072 bits) as the spec asks, so a verifier
learns nothing from its length, and grows by that much when the indexes outgrow it.
"""

import base64
import gzip

from django.db.models import Max

from .models import Certificate

MIN_BITS = 16 * 1024 * 8
# A certificate whose bit is set: the holder may no longer rely on it.
NOT_VALID = (Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED)


def list_bits(highest_index: int) -> int:
    return max(MIN_BITS, -(-(highest_index + 1) // MIN_BITS) * MIN_BITS)


def encode(set_indexes, *, bits: int) -> str:
    """The multibase (``u`` = base64url, no padding) GZIP-compressed bitstring of the spec."""
    data = bytearray(bits // 8)
    for index in set_indexes:
        data[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(data), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def current_list() -> str:
    """The encoded list as the database says now (one query for the set bits, one for the size)."""
    revoked = list(
        Certificate.objects.filter(status__in=NOT_VALID, status_index__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    highest = Certificate.objects.aggregate(highest=Max("status_index"))["highest"] or 0
    return encode(revoked, bits=list_bits(max([highest, *revoked])))
