"""What the API reads and writes, part by part."""
