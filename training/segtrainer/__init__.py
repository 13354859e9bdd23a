"""The trainer: load a dataset from S3, train K-Means, write a versioned model to S3."""
