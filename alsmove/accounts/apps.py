from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alsmove.accounts"
    label = "accounts"
