"""Forms of the workflows app: the Undo button's."""

from django import forms


class UndoForm(forms.Form):
    # A signed token (core.undo); an outcome's reason can make it a few kilobytes.
    token = forms.CharField(max_length=20_000)
