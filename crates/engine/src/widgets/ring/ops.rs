//! The hash ring's operation grammar: `ops=+n11,-n3,!n3,^n3,?user42,k500`.
//!
//! `+n11` adds node n11 (`+n11:200` with 200 virtual nodes, `+n11*2` with weight 2, or both:
//! `+n11:200*2`), `-n3` removes n3, `!n3` fails it, `^n3` brings it back, `?user42` looks up
//! the key user42, and `k500` adds 500 generated keys. In a query string `+` reads as a space,
//! so a token that is a bare node name, or starts with a space, is a join too.

use crate::ring::{check_key_name, check_node_name, Cluster, MAX_VNODES};
use crate::step::Recorder;

/// The most keys one `k` token adds.
pub const MAX_ADD_KEYS: u32 = 100_000;

const ACCEPTED: &str = "use +name to add a node (+n11, +n11:200 for 200 virtual nodes, +n11*2 for weight 2), \
-name to remove one, !name to fail it, ^name to bring it back, ?key to look up a key, or k and a count to add keys (k500)";

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Join { name: String, vnodes: Option<u16>, weight_tenths: Option<u16> },
    Leave(String),
    Fail(String),
    Recover(String),
    Lookup(String),
    AddKeys(u32),
}

impl Op {
    pub fn token(&self) -> String {
        match self {
            Op::Join { name, vnodes, weight_tenths } => {
                let mut t = format!("+{name}");
                if let Some(v) = vnodes {
                    t.push_str(&format!(":{v}"));
                }
                if let Some(w) = weight_tenths {
                    t.push_str(&format!("*{}", tenths(*w)));
                }
                t
            }
            Op::Leave(n) => format!("-{n}"),
            Op::Fail(n) => format!("!{n}"),
            Op::Recover(n) => format!("^{n}"),
            Op::Lookup(k) => format!("?{k}"),
            Op::AddKeys(n) => format!("k{n}"),
        }
    }

    /// Parses one token, or says what is wrong with it.
    pub fn parse(token: &str) -> Result<Op, String> {
        // A leading space is a `+` the query string decoded.
        let joined = token.starts_with(' ');
        let token = token.trim();
        let Some(first) = token.chars().next() else { return Err(format!("An empty operation: {ACCEPTED}.")) };
        let rest = &token[first.len_utf8()..];
        let node = |name: &str| check_node_name(name).map(|_| name.to_string()).map_err(|e| format!("“{token}”: {e}"));
        match first {
            '+' => parse_join(token, rest),
            _ if joined => parse_join(token, token),
            '-' => Ok(Op::Leave(node(rest)?)),
            '!' => Ok(Op::Fail(node(rest)?)),
            '^' => Ok(Op::Recover(node(rest)?)),
            '?' => {
                check_key_name(rest).map_err(|e| format!("“{token}”: {e}"))?;
                Ok(Op::Lookup(rest.to_string()))
            }
            'k' if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) => match rest.parse::<u32>() {
                Ok(n) if (1..=MAX_ADD_KEYS).contains(&n) => Ok(Op::AddKeys(n)),
                _ => Err(format!("“{token}”: k adds from 1 to {MAX_ADD_KEYS} keys.")),
            },
            // A bare name: a join whose `+` was lost to the query string.
            c if c.is_ascii_alphabetic() && check_node_name(token.split([':', '*']).next().unwrap_or("")).is_ok() => parse_join(token, token),
            _ => Err(format!("“{token}” is not an operation: {ACCEPTED}.")),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Op::Join { name, vnodes, weight_tenths } => {
                let mut l = format!("add {name}");
                if let Some(v) = vnodes {
                    l.push_str(&format!(" ({})", crate::ring::noun(*v as u64, "vnode")));
                }
                if let Some(w) = weight_tenths {
                    l.push_str(&format!(" weight {}", tenths(*w)));
                }
                l
            }
            Op::Leave(n) => format!("remove {n}"),
            Op::Fail(n) => format!("fail {n}"),
            Op::Recover(n) => format!("bring back {n}"),
            Op::Lookup(k) => format!("look up {k}"),
            Op::AddKeys(n) => format!("add {}", crate::ring::noun(*n as u64, "key")),
        }
    }

    pub fn apply(&self, c: &mut Cluster, seed: u64, rec: &mut impl Recorder<Cluster>) {
        match self {
            Op::Join { name, vnodes, weight_tenths } => c.join(name, *vnodes, weight_tenths.map_or(1.0, |w| w as f64 / 10.0), rec),
            Op::Leave(n) => c.leave(n, rec),
            Op::Fail(n) => c.fail(n, rec),
            Op::Recover(n) => c.recover(n, rec),
            Op::Lookup(k) => c.lookup_key(k, rec),
            Op::AddKeys(n) => c.add_keys(*n as usize, seed, rec),
        }
    }
}

/// `+n11:200*1.5` (with `body` the part after any `+`).
fn parse_join(token: &str, body: &str) -> Result<Op, String> {
    let (rest, weight) = match body.split_once('*') {
        Some((r, w)) => (r, Some(parse_weight(w).ok_or_else(|| format!("“{token}”: the weight after * is a number from 0.1 to 10, as in *2 or *0.5."))?)),
        None => (body, None),
    };
    let (name, vnodes) = match rest.split_once(':') {
        Some((n, v)) => (n, Some(v.parse::<u16>().ok().filter(|v| (1..=MAX_VNODES).contains(v)).ok_or_else(|| {
            format!("“{token}”: the virtual nodes after : are a whole number from 1 to {MAX_VNODES}.")
        })?)),
        None => (rest, None),
    };
    check_node_name(name).map_err(|e| format!("“{token}”: {e}"))?;
    Ok(Op::Join { name: name.to_string(), vnodes, weight_tenths: weight })
}

/// A weight from 0.1 to 10 in tenths (so an address round-trips exactly).
pub fn parse_weight(text: &str) -> Option<u16> {
    crate::ring::parse_decimal(text, 1).filter(|t| (1..=100).contains(t)).map(|t| t as u16)
}

/// 15 → "1.5", 20 → "2".
pub fn tenths(t: u16) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for t in ["+n11", "+n11:200", "+n11*2", "+big:50*1.5", "-n3", "!n3", "^n3", "?user42", "k500"] {
            let op = Op::parse(t).unwrap();
            assert_eq!(op.token(), t);
        }
        assert_eq!(Op::parse(" n11").unwrap().token(), "+n11", "a decoded + is a space");
        assert_eq!(Op::parse("n11").unwrap().token(), "+n11", "a trimmed + leaves a bare name");
        assert_eq!(Op::parse("k500").unwrap(), Op::AddKeys(500));
    }

    #[test]
    fn bad_tokens_say_what_is_accepted() {
        assert!(Op::parse("+n1:0").unwrap_err().contains("1 to 1000"));
        assert!(Op::parse("+n1*99").unwrap_err().contains("0.1 to 10"));
        assert!(Op::parse("k0").unwrap_err().contains("1 to 100000"));
        assert!(Op::parse("-3n").unwrap_err().contains("starting with a letter"));
        assert!(Op::parse("%%").unwrap_err().contains("+name to add a node"));
        assert!(Op::parse("?").unwrap_err().contains("cannot name a key"));
    }
}
