//! Each command is declared once, next to its panel, with [`commands!`](crate::commands).
//! The declaration yields the function itself (what tests call), and an entry in the
//! panel's `COMMANDS` table: its name, its panel (the permission set that grants it) and
//! its TypeScript signature. The desktop's invoke handler dispatches on those tables, a
//! test writes `ui/src/commands.ts` and `permissions/<panel>.toml` from them, and
//! `build.rs` reads the command names back from those permission files.

use crate::error::CommandError;
use serde::de::DeserializeOwned;
use serde::Serialize;
pub use serde_json::Value;
use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;

/// A command's answer, serialized for the web view.
pub type Reply<'a> = Pin<Box<dyn Future<Output = Result<Value, CommandError>> + Send + 'a>>;

/// One command as the web view calls it, over the context `C` it runs in.
pub struct Command<C: 'static> {
    /// `<panel>_<verb>`, the same in Rust and TypeScript.
    pub name: &'static str,
    /// The permission set that grants it (`permissions/<panel>.toml`).
    pub panel: &'static str,
    /// Each argument's Rust name and TypeScript type.
    pub args: &'static [(&'static str, fn() -> String)],
    pub result: fn() -> String,
    /// Adds the TypeScript declarations its argument and result types need to a set.
    pub types: fn(&mut TypeSet),
    pub run: for<'a> fn(&'a C, Value) -> Reply<'a>,
}

/// The TypeScript declarations a set of types needs, reached through ts-rs from the
/// commands' argument and result types: `ui/src/bindings.ts` is written from it, so a new
/// command's types need no list.
#[derive(Default)]
pub struct TypeSet {
    visited: HashSet<TypeId>,
    /// By name: ts-rs's derive lists a type's dependencies in an order that changes from
    /// one compilation to the next, so the file is written in name order to stay the same.
    decls: BTreeMap<String, String>,
}

impl TypeSet {
    /// `T` (when it is a declared type, not a primitive or a container) and every type it
    /// mentions.
    pub fn add<T: ts_rs::TS + 'static + ?Sized>(&mut self) {
        struct Visit<'a>(&'a mut TypeSet);
        impl ts_rs::TypeVisitor for Visit<'_> {
            fn visit<T: ts_rs::TS + 'static + ?Sized>(&mut self) {
                self.0.add::<T>();
            }
        }
        if !self.visited.insert(TypeId::of::<T>()) {
            return;
        }
        // Derived types have an output path; primitives, containers and chrono do not. A
        // generic type is declared once, with its parameters (`Kept<T>`).
        if T::output_path().is_some() {
            self.decls.entry(T::ident()).or_insert_with(T::decl);
        }
        T::visit_generics(&mut Visit(self));
        T::visit_dependencies(&mut Visit(self));
    }

    /// `ui/src/bindings.ts`.
    pub fn typescript(&self) -> String {
        let mut out =
            String::from("// Generated from the Rust types by ts-rs: do not edit by hand.\n");
        out.push_str("// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console commands\n\n");
        for decl in self.decls.values() {
            out.push_str("export ");
            out.push_str(decl);
            out.push('\n');
        }
        out
    }
}

/// What the TypeScript side needs to know about a command.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub name: &'static str,
    pub panel: &'static str,
    /// camelCase name (Tauri's convention for arguments) and TypeScript type.
    pub args: Vec<(String, String)>,
    pub result: String,
}

impl<C: 'static> Command<C> {
    pub fn signature(&self) -> Signature {
        Signature {
            name: self.name,
            panel: self.panel,
            args: self
                .args
                .iter()
                .map(|(name, ts)| (camel_case(name), ts()))
                .collect(),
            result: (self.result)(),
        }
    }
}

/// A type's name in TypeScript, as `ui/src/bindings.ts` declares it.
pub trait TsType {
    fn ts() -> String;
}

impl<T: ts_rs::TS> TsType for T {
    fn ts() -> String {
        // Ids and counts cross as JSON numbers (all below 2^53), as the bindings declare them.
        T::name().replace("bigint", "number")
    }
}

/// `monitor_id` -> `monitorId`: how Tauri names a command's arguments on the JS side.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads one argument of a call; a missing optional argument is `None`.
pub fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> Result<T, CommandError> {
    let key = camel_case(name);
    let value = args.get(&key).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| CommandError::invalid(name, format!("{key}: {e}")))
}

pub fn reply<T: Serialize>(value: T) -> Result<Value, CommandError> {
    serde_json::to_value(value).map_err(|e| CommandError::internal(e.to_string()))
}

/// Declares a panel's commands: each `pub async fn` becomes that function plus an entry of
/// the panel's `COMMANDS` table. An argument whose Rust type has no TypeScript binding
/// names its TypeScript type after `as` (`password: Secret as "string"`).
///
/// `host;` makes each function take `&impl Host` (`crate::host`), the narrow context a
/// panel works with, and runs the table over the [`Console`](crate::console::Console);
/// `context: T;` makes them take `&T` (the session's commands take the console itself).
#[macro_export]
macro_rules! commands {
    (
        host;
        panel: $panel:literal;
        $(
            $(#[$meta:meta])*
            pub async fn $name:ident($ctx:ident $(, $arg:ident : $ty:ty $(as $ts:literal)?)* $(,)?) -> $ret:ty $body:block
        )*
    ) => {
        $(
            $(#[$meta])*
            pub async fn $name(
                $ctx: &impl $crate::host::Host $(, $arg: $ty)*
            ) -> ::std::result::Result<$ret, $crate::error::CommandError> $body
        )*

        $crate::__command_table! {
            $crate::console::Console; $panel;
            $( $name($($arg : $ty $(as $ts)?),*) -> $ret; )*
        }
    };
    (
        context: $context:ty;
        panel: $panel:literal;
        $(
            $(#[$meta:meta])*
            pub async fn $name:ident($ctx:ident $(, $arg:ident : $ty:ty $(as $ts:literal)?)* $(,)?) -> $ret:ty $body:block
        )*
    ) => {
        $(
            $(#[$meta])*
            pub async fn $name(
                $ctx: &$context $(, $arg: $ty)*
            ) -> ::std::result::Result<$ret, $crate::error::CommandError> $body
        )*

        $crate::__command_table! {
            $context; $panel;
            $( $name($($arg : $ty $(as $ts)?),*) -> $ret; )*
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_table {
    (
        $context:ty; $panel:literal;
        $( $name:ident($($arg:ident : $ty:ty $(as $ts:literal)?),*) -> $ret:ty; )*
    ) => {
        /// This panel's commands, as the desktop registers them.
        pub const COMMANDS: &[$crate::command::Command<$context>] = &[
            $(
                $crate::command::Command {
                    name: stringify!($name),
                    panel: $panel,
                    args: &[$((stringify!($arg), $crate::__ts_type!($ty $(, $ts)?))),*],
                    result: <$ret as $crate::command::TsType>::ts,
                    types: {
                        fn types(set: &mut $crate::command::TypeSet) {
                            $($crate::__ts_visit!(set, $ty $(, $ts)?);)*
                            set.add::<$ret>();
                        }
                        types
                    },
                    run: {
                        fn run<'a>(
                            ctx: &'a $context,
                            args: $crate::command::Value,
                        ) -> $crate::command::Reply<'a> {
                            ::std::boxed::Box::pin(async move {
                                $(let $arg: $ty = $crate::command::arg(&args, stringify!($arg))?;)*
                                let _ = &args;
                                $crate::command::reply($name(ctx $(, $arg)*).await?)
                            })
                        }
                        run
                    },
                },
            )*
        ];
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __ts_visit {
    ($set:ident, $ty:ty) => {
        $set.add::<$ty>()
    };
    // A type named in TypeScript by hand (`as "string"`) brings no declaration.
    ($set:ident, $ty:ty, $ts:literal) => {};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __ts_type {
    ($ty:ty) => {
        <$ty as $crate::command::TsType>::ts as fn() -> String
    };
    ($ty:ty, $ts:literal) => {{
        fn ts() -> String {
            String::from($ts)
        }
        ts as fn() -> String
    }};
}

/// `ui/src/commands.ts`: every command's name, argument and result types.
pub fn typescript(signatures: &[Signature]) -> String {
    let mut types = std::collections::BTreeSet::new();
    let mut body = String::new();
    for sig in signatures {
        let args = if sig.args.is_empty() {
            "undefined".to_string()
        } else {
            let fields: Vec<String> = sig
                .args
                .iter()
                .map(|(name, ts)| format!("{name}: {ts}"))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        for ts in sig.args.iter().map(|(_, ts)| ts).chain([&sig.result]) {
            types.extend(type_names(ts));
        }
        let _ = writeln!(
            body,
            "  {}: {{ args: {args}; result: {} }};",
            sig.name, sig.result
        );
    }
    let mut out =
        String::from("// Generated from the Rust command declarations: do not edit by hand.\n");
    out.push_str("// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console commands\n");
    let imports: Vec<&str> = types.iter().map(String::as_str).collect();
    let _ = writeln!(
        out,
        "import type {{\n  {},\n}} from \"./bindings\";\n",
        imports.join(",\n  ")
    );
    out.push_str("export type Commands = {\n");
    out.push_str(&body);
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    out
}

/// The capitalised names in a TypeScript type (the bindings' types), minus the built-ins.
fn type_names(ts: &str) -> Vec<String> {
    ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|w| !matches!(*w, "Array" | "Record" | "Partial"))
        .map(String::from)
        .collect()
}

/// `permissions/<panel>.toml`: one permission set per panel granting its commands.
pub fn permission_sets(signatures: &[Signature]) -> BTreeMap<&'static str, String> {
    let mut panels: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for sig in signatures {
        panels.entry(sig.panel).or_default().push(sig.name);
    }
    panels
        .into_iter()
        .map(|(panel, names)| {
            let mut toml = String::from(
                "# Generated from the Rust command declarations: do not edit by hand.\n",
            );
            let _ = writeln!(toml, "[[set]]\nidentifier = \"{panel}\"");
            let _ = writeln!(
                toml,
                "description = \"The {panel} panel's commands.\"\npermissions = ["
            );
            for name in names {
                let _ = writeln!(toml, "  \"allow-{}\",", name.replace('_', "-"));
            }
            toml.push_str("]\n");
            (panel, toml)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ctx(i64);

    mod demo {
        use super::Ctx;

        crate::commands! {
            context: Ctx;
            panel: "demo";
            /// Adds to the context's number.
            pub async fn demo_add(ctx, amount: i64, note: Option<String>) -> i64 {
                Ok(ctx.0 + amount + note.map_or(0, |n| n.len() as i64))
            }
            pub async fn demo_secret(_ctx, code: admin_api::Secret as "string") -> () {
                let _ = code;
                Ok(())
            }
        }
    }

    #[tokio::test]
    async fn a_declaration_yields_the_function_its_entry_and_its_signature() {
        let ctx = Ctx(40);
        assert_eq!(demo::demo_add(&ctx, 1, None).await.unwrap(), 41);
        let entry = &demo::COMMANDS[0];
        let out = (entry.run)(&ctx, serde_json::json!({"amount": 2, "note": "ab"}))
            .await
            .unwrap();
        assert_eq!(out, serde_json::json!(44));
        let err = (entry.run)(&ctx, serde_json::json!({})).await.unwrap_err();
        assert!(matches!(err, CommandError::InvalidInput { .. }), "{err:?}");
        assert_eq!(
            entry.signature(),
            Signature {
                name: "demo_add",
                panel: "demo",
                args: vec![
                    ("amount".into(), "number".into()),
                    ("note".into(), "string | null".into())
                ],
                result: "number".into(),
            }
        );
        assert_eq!(demo::COMMANDS[1].signature().args[0].1, "string");
        assert_eq!(demo::COMMANDS[1].signature().result, "null");
    }

    #[test]
    fn typescript_and_permission_sets_name_every_command() {
        let sigs: Vec<Signature> = demo::COMMANDS.iter().map(|c| c.signature()).collect();
        let ts = typescript(&sigs);
        assert!(
            ts.contains(
                "  demo_add: { args: { amount: number; note: string | null }; result: number };"
            ),
            "{ts}"
        );
        assert!(
            ts.contains("  demo_secret: { args: { code: string }; result: null };"),
            "{ts}"
        );
        let sets = permission_sets(&sigs);
        assert!(
            sets["demo"].contains("\"allow-demo-add\""),
            "{}",
            sets["demo"]
        );
        assert_eq!(camel_case("started_at"), "startedAt");
    }
}
