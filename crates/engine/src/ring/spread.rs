//! How evenly a ring spreads load as virtual nodes grow: the coefficient of variation of the
//! nodes' shares of the circle (the share of keys each would get from uniform keys), measured
//! for the actual node names, against the 1/√V that theory predicts for V points per node.

use super::hash::vnode_position;

/// The virtual-node counts the chart measures.
pub const SPREAD_VNODES: [u16; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000];

/// The coefficient of variation of the ring shares of `names`, each with `vnodes` points.
pub fn share_cov(names: &[&str], vnodes: u16) -> f64 {
    if names.len() < 2 || vnodes == 0 {
        return 0.0;
    }
    let mut ring: Vec<(u64, usize)> = names.iter().enumerate().flat_map(|(i, n)| (0..vnodes).map(move |v| (vnode_position(n, v), i))).collect();
    ring.sort_unstable();
    let mut share = vec![0.0f64; names.len()];
    for (j, &(pos, owner)) in ring.iter().enumerate() {
        // The arc before each point is its owner's; the first point's arc wraps round from the last.
        let prev = if j == 0 { ring[ring.len() - 1].0 } else { ring[j - 1].0 };
        share[owner] += pos.wrapping_sub(prev) as f64 / 18_446_744_073_709_551_616.0;
    }
    let mean = 1.0 / names.len() as f64;
    let var = share.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / names.len() as f64;
    var.sqrt() / mean
}

/// The theory's curve: with V random points per node the spread of shares is about 1/√V.
pub fn expected_cov(vnodes: f64) -> f64 {
    1.0 / vnodes.max(1e-9).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_even_out_about_as_one_over_root_v() {
        let names: Vec<String> = (1..=20).map(|i| format!("n{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let one = share_cov(&refs, 1);
        let hundred = share_cov(&refs, 100);
        assert!(one > 0.5 && one < 1.6, "{one}");
        assert!(hundred > 0.04 && hundred < 0.2, "{hundred}");
        assert!(share_cov(&refs[..1], 10) == 0.0);
    }
}
