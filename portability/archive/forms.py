"""The upload form of the archive import: a file, within the size limit."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

# Reading a JSON file takes several times its size in memory: 20 MB holds thousands of
# applications with their job descriptions, and a web worker can afford it.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ArchiveUploadForm(forms.Form):
    file = forms.FileField(
        label="Rebound export (JSON)",
        help_text="A file from “Download everything (JSON)”, up to 20 MB.",
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "The file is larger than 20 MB, the most this page imports. Nothing was "
                "imported. Whoever runs your Rebound can import a larger file with "
                "“manage.py import_data”."
            )
        return upload
