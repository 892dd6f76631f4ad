"""What leaves the product at the person's request: a calendar feed, their whole record
(to download, and for a clinic to import), and the deletion of their account."""
