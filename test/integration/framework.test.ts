/**
 * Microsoft's six data protection framework policies deployed through the provider and read back
 * with no drift: every published setting survives the round trip through Graph's shapes.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { settingsFromGraph } from "../../provider/engine/state";
import { platforms } from "../../provider/settings/platforms";
import { useEmulatedTenant } from "../support/provider";
import { frameworkPolicies } from "../support/framework";

const context = useEmulatedTenant();

describe.each(frameworkPolicies())("$file", ({ platform: name, json }) => {
    const platform = platforms[name];

    it("deploys and reads back with no drift", async () => {
        const settings = settingsFromGraph(platform, json);
        // Documented quirk: iOS Level 3 ships a placeholder dialer URL scheme that is not a URL scheme.
        if (settings.customDialerAppProtocol === "replace_with_dialer_app_url_scheme")
            settings.customDialerAppProtocol = "tel";
        const { inputs, failures } = checkInputs(platform, settings);
        expect(failures).toEqual([]);
        expect(Object.keys(inputs).length).toBeGreaterThan(40);

        const { id, outs } = await runtime.create(platform.name, { ...inputs, __provider: "p" });
        const refreshed = await runtime.read(platform.name, id, { ...outs, __provider: "p" });
        const {
            id: _id,
            version: _v,
            createdDateTime: _c,
            lastModifiedDateTime: _l,
            isAssigned: _a,
            deployedAppCount: _d,
            ...liveSettings
        } = refreshed.props as Record<string, unknown>;
        void [_id, _v, _c, _l, _a, _d];
        expect(liveSettings).toEqual(inputs);
        expect(
            (
                await runtime.diff(
                    platform.name,
                    id,
                    { ...refreshed.props, __provider: "p" },
                    { ...inputs, __provider: "p" },
                )
            ).changes,
        ).toBe(false);
        expect(context.emulator.policy(context.tenant.tenantId, id)).toMatchObject({
            displayName: json.displayName,
            appGroupType: "allCoreMicrosoftApps",
        });
    });
});
