//! Pieces of captions: node contents in brackets, counts, and the comparisons made in a node.
//! Only called while a recorder is listening.

use super::{BTree, Key, NodeId, Variant};

/// Node contents as captions show them: `[7 9 23]`, or `[]` for an empty node.
pub fn show(keys: &[Key]) -> String {
    let inner: Vec<String> = keys.iter().map(Key::to_string).collect();
    format!("[{}]", inner.join(" "))
}

/// A count with thousands separators: 1,000.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 key", "3 keys", "1,000 leaves".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

impl BTree {
    /// "a B-tree" or "a B+ tree", for explanations.
    pub(super) fn kind(&self) -> &'static str {
        match self.config.variant {
            Variant::B => "a B-tree",
            Variant::BPlus => "a B+ tree",
        }
    }

    /// "Root [20 40]", "Node [20 40]" or "Leaf [7 9]": how a caption opens on a node.
    pub(super) fn label(&self, id: NodeId) -> String {
        let role = if self.is_root(id) {
            "Root"
        } else if self.node(id).is_leaf() {
            "Leaf"
        } else {
            "Node"
        };
        format!("{role} {}", show(self.keys_of(id)))
    }

    /// The same in the middle of a sentence: "the root [20 40]", "node [20 40]", "leaf [7 9]".
    pub(super) fn label_mid(&self, id: NodeId) -> String {
        let label = self.label(id);
        match label.strip_prefix("Root") {
            Some(rest) => format!("the root{rest}"),
            None => {
                let mut chars = label.chars();
                let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
                format!("{first}{}", chars.as_str())
            }
        }
    }

    /// The comparisons that send `key` to child `child` of node `id`:
    /// "23 > 20 and 23 < 40, so go to child 2 of 3".
    /// B+ separators are the smallest key on their right, so equal keys go right (≥).
    pub(super) fn route_text(&self, id: NodeId, key: Key, child: usize) -> String {
        let keys = self.keys_of(id);
        let at_least = if self.config.variant == Variant::BPlus { "≥" } else { ">" };
        let mut facts = Vec::with_capacity(2);
        if let Some(below) = child.checked_sub(1).and_then(|i| keys.get(i)) {
            facts.push(format!("{key} {at_least} {below}"));
        }
        if let Some(above) = keys.get(child) {
            facts.push(format!("{key} < {above}"));
        }
        format!("{}, so go to child {} of {}", facts.join(" and "), child + 1, keys.len() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_separators() {
        assert_eq!(show(&[7, 9, 23]), "[7 9 23]");
        assert_eq!(show(&[]), "[]");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count(1, "key", "keys"), "1 key");
        assert_eq!(count(1000, "leaf", "leaves"), "1,000 leaves");
    }
}
