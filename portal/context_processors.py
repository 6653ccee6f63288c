from .permissions import is_procurer, vendor_membership


def memberships(request):
    """What the navigation needs to know about the signed-in user."""
    user = request.user
    return {
        "vendor_membership": vendor_membership(user),
        "is_procurer": is_procurer(user),
    }
