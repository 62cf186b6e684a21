//! Whether the connection is paid by the byte, so the background sync waits (issue 25).
//! Linux asks NetworkManager over the system bus, Windows its connection profile's cost.
//! macOS answers "not metered" until `NWPath.isExpensive` is wired here (it needs unsafe
//! FFI to Network.framework); the manager can lengthen the cadence meanwhile.

/// NetworkManager's `NMMetered`: 1 metered, 3 guessed metered (a phone's hotspot).
#[cfg(target_os = "linux")]
pub fn is_metered() -> bool {
    let metered = || -> zbus::Result<u32> {
        let bus = zbus::blocking::Connection::system()?;
        let network = zbus::blocking::Proxy::new(
            &bus,
            "org.freedesktop.NetworkManager",
            "/org/freedesktop/NetworkManager",
            "org.freedesktop.NetworkManager",
        )?;
        network.get_property("Metered")
    };
    matches!(metered(), Ok(1 | 3))
}

/// The Internet profile's cost as Windows' own data-saving rules read it: a fixed or
/// per-byte plan, roaming, or at or near its data limit. No Internet profile: not metered
/// (offline is the connection monitor's to say).
#[cfg(windows)]
pub fn is_metered() -> bool {
    use windows::Networking::Connectivity::{NetworkCostType, NetworkInformation};
    let metered = || -> windows::core::Result<bool> {
        let Ok(profile) = NetworkInformation::GetInternetConnectionProfile() else {
            return Ok(false);
        };
        let cost = profile.GetConnectionCost()?;
        Ok(matches!(
            cost.NetworkCostType()?,
            NetworkCostType::Fixed | NetworkCostType::Variable
        ) || cost.Roaming()?
            || cost.OverDataLimit()?
            || cost.ApproachingDataLimit()?)
    };
    metered().unwrap_or(false)
}

#[cfg(not(any(target_os = "linux", windows)))]
pub fn is_metered() -> bool {
    false
}
