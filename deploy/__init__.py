"""Production packaging: the deployable templates and zips for the API and the trainer."""
