from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, as in production, with test-only low costs."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
