"""Figures derived from loaded content: progress, overdue, slipped and next due
milestones, the update promise, skill priorities (gap x impact), and each roadmap's view
with every figure its page shows. Templates only show what this package computes.
"""
