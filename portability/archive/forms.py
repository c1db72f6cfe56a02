"""The upload form of the archive import: a file, within the size limit."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

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
                "The file is larger than 20 MB, more than a Rebound export can be. "
                "Nothing was imported."
            )
        return upload
