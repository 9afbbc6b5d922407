"""Alerts that reach a proctor who looks away: the rule is core.domain.alerts; here are the
list model, the controller that feeds the rule, the desktop notification and the header button.
``install_alerts(window, context)`` puts them into the Proctor Center."""

from console.proctor.alerts.install import AlertCenter, install_alerts

__all__ = ["AlertCenter", "install_alerts"]
