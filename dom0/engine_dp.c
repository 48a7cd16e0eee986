/*
 * quasard's wiring of the engine to the real data plane (demux/dp.h).
 * Kept apart so that unit tests, which use a recording fake, do not link
 * the BPF backend.
 */
#include "dom0/engine.h"

static int
engine_dp_ilm_set(void *dp, const struct dp_ilm *e)
{
	return dp_ilm_set(dp, e);
}

static int
engine_dp_ilm_del(void *dp, uint32_t in_label)
{
	return dp_ilm_del(dp, in_label);
}

void
engine_env_use_dp(struct engine_env *env, struct dp *dp)
{
	env->dp_arg = dp;
	env->ilm_set = engine_dp_ilm_set;
	env->ilm_del = engine_dp_ilm_del;
}
