"""The Brønnøysund register (Enhetsregisteret) as published: readers for its bulk files, the
staging-and-merge import, and the client of its daily update feed."""
