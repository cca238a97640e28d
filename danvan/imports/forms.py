from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)", help_text="Dùng tệp mẫu để đúng cột. Tối đa 10 MB.")
