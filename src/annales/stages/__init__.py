"""The stages of the data flow, each a plain function over typed records."""
