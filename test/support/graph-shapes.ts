/**
 * Graph's shapes of the items a policy holds, for seeding the emulator as an admin center would.
 */

/** Graph's shapes of an app and an assignment, as an admin center makes them. */
export const graphShapes = {
    iosApp: (bundleId: string) => ({
        mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId },
    }),
    androidApp: (packageId: string) => ({
        mobileAppIdentifier: { "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId },
    }),
    windowsApp: (windowsAppId: string) => ({
        mobileAppIdentifier: { "@odata.type": "#microsoft.graph.windowsAppIdentifier", windowsAppId },
    }),
    target: (type: "groupAssignmentTarget" | "exclusionGroupAssignmentTarget", groupId: string) => ({
        target: { "@odata.type": `#microsoft.graph.${type}`, groupId },
    }),
};
