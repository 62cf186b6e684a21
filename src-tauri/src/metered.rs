//! Whether the connection is paid by the byte, so the background sync waits (issue 25).
//! Linux asks NetworkManager over the system bus. Windows and macOS answer "not metered"
//! until their own network APIs are wired here: the manager can lengthen the cadence.

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

#[cfg(not(target_os = "linux"))]
pub fn is_metered() -> bool {
    false
}
