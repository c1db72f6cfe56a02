"""Reads of the spreadsheet import: an upload only through its owner."""

from django.shortcuts import get_object_or_404

from accounts.models import User
from portability.models import SpreadsheetUpload


def spreadsheet_upload_for_user(user: User, pk: int) -> SpreadsheetUpload:
    """The user's upload, or 404: another user's upload does not exist for them."""
    return get_object_or_404(SpreadsheetUpload, user=user, pk=pk)
