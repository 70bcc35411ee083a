"""What a site publishes beside its pages: the Atom feed, progress.json and badges."""
