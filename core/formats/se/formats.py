from core.formats.sami import *  # noqa: F403 - North Sámi uses the shared Sámi formats
