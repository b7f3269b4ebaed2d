/** Zero Trust building blocks: the app protection + Conditional Access pairing. */
export {
    AppProtectionPairing,
    PAIRING_TYPE,
    type AppProtectionPairingArgs,
    type ConditionalAccessState,
    type FrameworkLevel,
} from "./pairing";
