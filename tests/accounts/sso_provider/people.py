"""The provider's own people: who they are there, and the claims it asserts about them."""

PASSWORD = "mat-khau-cua-tinh"  # noqa: S105 - the test provider's only password

# username at the provider -> (stable subject, claims). None of them carries an e-mail our side could use.
PEOPLE = {
    # Matches our cadre by username.
    "canbo.tinh.1": ("sub-0001", {"preferred_username": "sso_cadre", "name": "Nguyễn Văn Một Lần"}),
    # Matches our cadre by phone only (a different username at the province).
    "canbo.tinh.2": ("sub-0002", {"preferred_username": "ten-khac-o-tinh", "phone_number": "0912 000 222"}),
    # Nobody of ours: same e-mail as one of our people, which must not be enough.
    "canbo.tinh.3": ("sub-0003", {"preferred_username": "khong-ai-ca", "email": "sso_cadre@example.vn"}),
}


def subject(user):
    return PEOPLE[user.username][0]


def userinfo(claims, user):
    claims.update(PEOPLE[user.username][1])
    return claims
