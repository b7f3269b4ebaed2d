/**
 * `npm run test:live`: the live acceptance suite against the tenant the `INTUNE_LIVE_*`
 * variables name (see README, "Live acceptance suite"). Without them every test fails with the
 * list of variables to set.
 */
import { liveAcceptanceSuite } from "./suite";

liveAcceptanceSuite();
