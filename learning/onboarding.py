"""What the portal starts for a person who is new or has a new start date
(portal.services.user_started, found through portal.registry): the Ny i NAV path."""

from learning.tasks import assign_onboarding

ON_START = assign_onboarding
