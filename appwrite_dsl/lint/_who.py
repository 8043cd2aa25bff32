"""Who holds a role, in words, for lint messages and ``appwrite-dsl explain``.

The one place that says it: an authorization evaluator can replace these functions without touching the
rules. The facts are Appwrite's (``appwrite/appwrite``, ``src/Appwrite/Utopia/Database/Documents/User.php``,
``getRoles``): everyone holds ``any``; a caller without a session holds ``guests``; every account holds
``users`` (an anonymous session creates an account) and ``users/verified`` or ``users/unverified``.
"""

from __future__ import annotations

from .. import server

__all__ = ["EVERYONE", "describe_role", "signed_in_note"]

_STATUS = {
    "verified": " with a verified email or phone",
    "unverified": " without a verified email or phone",
}


def describe_role(role: server.ServerRole) -> str:
    """Who holds ``role``, for messages: ``every signed-in user``."""
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name == "any":
        return "anyone (signed in or not)"
    if name == "guests":
        return "anyone without a session"
    if name == "users":
        return "every signed-in user" + _STATUS.get(dimension, "")
    if name == "user":
        state = {"verified": " while verified", "unverified": " while unverified"}.get(dimension, "")
        return f'the user "{identifier}"{state}'
    if name == "team":
        if dimension:
            return f'members of the team "{identifier}" with the role "{dimension}"'
        return f'members of the team "{identifier}"'
    if name == "member":
        return f'the holder of the membership "{identifier}"'
    return f'users with the label "{identifier}"'


EVERYONE = server.ServerRole("any", "", "")
"""The role everyone holds; ``describe_role(EVERYONE)`` says who that is."""


def signed_in_note(role: server.ServerRole) -> str:
    """What ``users`` (and its verified or unverified variant) means in practice, for security messages."""
    if role.dimension == "verified":
        return "every account that verified an email or phone, whoever signed it up"
    if role.dimension == "unverified":
        return "every account without a verified email or phone, anonymous sessions included"
    return "every account: anyone can sign up, and an anonymous session is an account"
