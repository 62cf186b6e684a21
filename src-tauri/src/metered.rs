//! Whether the connection is paid by the byte, so the background sync waits (issue 25).
//! Linux asks NetworkManager over the system bus, Windows its connection profile's cost.
//! macOS answers "not metered" until `NWPath.isExpensive` is wired here (it needs unsafe
//! FFI to Network.framework); the manager can lengthen the cadence meanwhile.

#[cfg(target_os = "linux")]
pub fn is_metered() -> bool {
    zbus::blocking::Connection::system().is_ok_and(|bus| metered_on(&bus))
}

/// NetworkManager's `NMMetered` on `bus`: 1 metered, 3 guessed metered (a phone's hotspot).
/// No NetworkManager there: not metered.
#[cfg(target_os = "linux")]
fn metered_on(bus: &zbus::blocking::Connection) -> bool {
    let metered = || -> zbus::Result<u32> {
        let network = zbus::blocking::Proxy::new(
            bus,
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

/// NetworkManager cannot run in a test's container, so a private bus daemon stands in for the
/// system bus and the test serves NetworkManager's `Metered` property on it: the read goes
/// over a real bus, through the same proxy and property call as on a desktop.
#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::metered_on;
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};

    struct Bus(Child, String);

    impl Drop for Bus {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn private_bus() -> Bus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian package dbus) runs");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        Bus(daemon, address.trim().to_owned())
    }

    struct NetworkManager {
        metered: u32,
    }

    #[zbus::interface(name = "org.freedesktop.NetworkManager")]
    impl NetworkManager {
        #[zbus(property)]
        fn metered(&self) -> u32 {
            self.metered
        }
    }

    fn connect(bus: &Bus) -> zbus::blocking::Connection {
        zbus::blocking::connection::Builder::address(bus.1.as_str())
            .unwrap()
            .build()
            .unwrap()
    }

    fn serving(bus: &Bus, metered: u32) -> zbus::blocking::Connection {
        zbus::blocking::connection::Builder::address(bus.1.as_str())
            .unwrap()
            .name("org.freedesktop.NetworkManager")
            .unwrap()
            .serve_at(
                "/org/freedesktop/NetworkManager",
                NetworkManager { metered },
            )
            .unwrap()
            .build()
            .unwrap()
    }

    #[test]
    fn network_managers_metered_values_decide() {
        let bus = private_bus();
        let console = connect(&bus);
        assert!(!metered_on(&console), "no NetworkManager on the bus");
        // NMMetered: 0 unknown, 1 yes, 2 no, 3 guessed yes, 4 guessed no.
        for (value, metered) in [(0, false), (1, true), (2, false), (3, true), (4, false)] {
            let network_manager = serving(&bus, value);
            assert_eq!(metered_on(&console), metered, "Metered = {value}");
            drop(network_manager);
        }
    }
}
