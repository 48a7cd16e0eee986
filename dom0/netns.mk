# dom0/ netns pool backend: cgroups (v1 and v2), the routelet socket
# channel's controller side (rl_ctl), and pool_netns (routelets as
# network namespaces).  Built up in round 3; see docs/pool-netns.md.
