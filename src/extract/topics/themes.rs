//! Themes: broad sections found by spherical k-means over the items' TF-IDF vectors.

use rayon::prelude::*;

use rustc_hash::FxHashMap;

use super::space::{Space, Vector};

/// Terms per item vector for themes, and at most this many k-means rounds.
pub(super) const THEME_ITEM_TERMS: usize = 200;
pub(super) const THEME_ROUNDS: usize = 15;
/// Largest number of articles themes are fitted on (see [`themes`]).
pub(super) const THEME_SAMPLE: usize = 20_000;
/// Seeds tried for k-means++ (the best objective would win). The result varies with the seed
/// (topic NMI 0.50–0.55 on Reuters over seeds 1–6 and one other); more seeds chosen by the
/// k-means objective did not score better, so one is used, at a fraction of the time.
pub(super) const THEME_SEEDS: &[u64] = &[1];
/// Collections with fewer articles have no themes: stories and curated topics suffice.
pub(super) const THEMES_FROM: usize = 200;

/// How many themes: growing slowly with the collection, like a newspaper's sections (a few
/// for a handful of articles, about 23 for 300, about 40 for 20,000), and never more than one
/// per eight articles.
pub(super) fn theme_count(articles: usize) -> usize {
    let k = (4.0 * (articles.max(1) as f64).ln()).round() as usize;
    k.clamp(1, 80).min((articles / 8).max(1))
}

/// A small deterministic generator for k-means++ seeding.
pub(super) struct SplitMix(u64);

impl SplitMix {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }

    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `scores += w * row(t)` for each term `(t, w)` of `v`, rows `stride` long: the inner loop
/// of k-means. With AVX2 the same additions run eight lanes at a time; each lane does the
/// same multiply and add as the plain loop (no fused multiply-add), so results are identical.
pub(super) fn add_rows(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { add_rows_avx2(weights, stride, v, scores) };
        return;
    }
    add_rows_plain(weights, stride, v, scores);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(super) fn add_rows_avx2(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    add_rows_plain(weights, stride, v, scores);
}

#[inline(always)]
pub(super) fn add_rows_plain(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    for &(t, w) in v.iter() {
        let row = &weights[t as usize * stride..(t as usize + 1) * stride];
        for (s, r) in scores.iter_mut().zip(row) {
            *s += w * r;
        }
    }
}

/// k centroids stored term-major (`weights[t * stride + c]`), so scoring a document against
/// all of them is one pass over its terms with a contiguous row of k weights each. Rows are
/// padded with zeros to a multiple of eight, whole vector registers.
pub(super) struct Centroids {
    pub(super) stride: usize,
    pub(super) weights: Vec<f32>,
    pub(super) norms: Vec<f32>,
}

impl Centroids {
    pub(super) fn from_assignment(
        vocab: usize,
        k: usize,
        vecs: &[&Vector],
        assign: &[usize],
    ) -> Centroids {
        let stride = k.div_ceil(8).max(1) * 8;
        let mut weights = vec![0f32; vocab * stride];
        for (v, &c) in vecs.iter().zip(assign) {
            for &(t, w) in v.iter() {
                weights[t as usize * stride + c] += w;
            }
        }
        let mut norms = vec![0f32; k];
        for row in weights.chunks_exact(stride) {
            for (n, w) in norms.iter_mut().zip(row) {
                *n += w * w;
            }
        }
        for n in norms.iter_mut() {
            *n = n.sqrt();
        }
        Centroids {
            stride,
            weights,
            norms,
        }
    }

    /// The best centroid for `v` and its cosine similarity; `scores` is scratch space.
    pub(super) fn best(&self, v: &Vector, scores: &mut Vec<f32>) -> (usize, f32) {
        scores.clear();
        scores.resize(self.stride, 0.0);
        add_rows(&self.weights, self.stride, v, scores);
        let mut best = (0usize, f32::MIN);
        for (c, (s, n)) in scores.iter().zip(&self.norms).enumerate() {
            let sim = if *n > 0.0 { s / n } else { 0.0 };
            if sim > best.1 {
                best = (c, sim);
            }
        }
        best
    }

    /// How much weightier in a cluster than overall a word must be to name it.
    const MIN_LIFT: f32 = 1.5;

    /// The terms that set cluster `c` apart: weighty in it, and more so than in the whole
    /// collection (mean weight times the log of the ratio of the means), so words every item
    /// uses ("percent", "said") do not name a theme. `sizes` are the clusters' member counts.
    pub(super) fn distinctive_terms(&self, c: usize, n: usize, sizes: &[usize]) -> Vec<u32> {
        let total: usize = sizes.iter().sum();
        let (size, total) = (sizes[c].max(1) as f32, total.max(1) as f32);
        let mut entries: Vec<(u32, f32)> = self
            .weights
            .chunks_exact(self.stride)
            .enumerate()
            .filter(|(_, row)| row[c] > 0.0)
            .filter_map(|(t, row)| {
                let (inside, overall) = (row[c] / size, row.iter().sum::<f32>() / total);
                let ratio = inside / overall;
                (ratio >= Self::MIN_LIFT).then(|| (t as u32, inside * ratio.ln()))
            })
            .collect();
        entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        entries.into_iter().take(n).map(|(t, _)| t).collect()
    }
}

/// One k-means run from a seed: returns the assignment and its total similarity.
pub(super) fn kmeans_run(
    vocab: usize,
    vecs: &[&Vector],
    keys: &[u64],
    k: usize,
    seed: u64,
) -> (Vec<usize>, f64) {
    // k-means++ seeding: each next seed drawn in proportion to its squared distance from the
    // seeds so far. The draw is an exponential race on a uniform number per *item* (a hash of
    // its key and the round), not a shared random stream, so editing one article changes the
    // seeds only if that article's own weight changes enough: themes stay put while editing.
    let uniform = |i: usize, round: usize| {
        let mut g = SplitMix(keys[i] ^ seed ^ (round as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        g.unit().max(f64::MIN_POSITIVE)
    };
    let first = (0..vecs.len())
        .min_by(|&a, &b| uniform(a, 0).total_cmp(&uniform(b, 0)))
        .unwrap_or(0);
    let mut seeds = vec![first];
    let mut dense = vec![0f32; vocab];
    let mut best_sim = vec![f32::MIN; vecs.len()];
    loop {
        let last = vecs[*seeds.last().expect("at least one seed")];
        for &(t, w) in last.iter() {
            dense[t as usize] = w;
        }
        best_sim
            .par_iter_mut()
            .zip(vecs.par_iter())
            .for_each(|(b, v)| {
                let sim: f32 = v.iter().map(|&(t, w)| w * dense[t as usize]).sum();
                *b = b.max(sim);
            });
        for &(t, _) in last.iter() {
            dense[t as usize] = 0.0;
        }
        if seeds.len() >= k {
            break;
        }
        let round = seeds.len();
        // Smallest -ln(u) / weight wins: a draw in proportion to the weights.
        let pick = best_sim
            .par_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let w = (1.0 - *s as f64).max(0.0).powi(2);
                (w > 0.0).then(|| (-uniform(i, round).ln() / w, i))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        match pick {
            Some((_, i)) => seeds.push(i),
            None => break,
        }
    }
    let k = seeds.len();
    let mut assign: Vec<usize> = vec![0; vecs.len()];
    for (c, &s) in seeds.iter().enumerate() {
        assign[s] = c;
    }
    let seed_vecs: Vec<&Vector> = seeds.iter().map(|&s| vecs[s]).collect();
    let mut centroids =
        Centroids::from_assignment(vocab, k, &seed_vecs, &(0..k).collect::<Vec<_>>());
    let mut objective = 0.0;
    for _ in 0..THEME_ROUNDS {
        let next: Vec<(usize, f32)> = vecs
            .par_iter()
            .map_init(Vec::new, |scores, v| centroids.best(v, scores))
            .collect();
        let changed = next
            .iter()
            .zip(&assign)
            .filter(|((a, _), b)| a != *b)
            .count();
        objective = next.iter().map(|(_, s)| *s as f64).sum();
        assign = next.into_iter().map(|(c, _)| c).collect();
        centroids = Centroids::from_assignment(vocab, k, vecs, &assign);
        if changed == 0 {
            break;
        }
    }
    (assign, objective)
}

/// Spherical k-means with k-means++ seeding, best of a few seeds. Returns each member's theme
/// and, per theme, its heaviest terms (empty themes removed).
pub(super) fn themes(space: &Space, members: &[usize], k: usize) -> (Vec<usize>, Vec<Vec<u32>>) {
    if members.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // A compact vocabulary: terms used by at least two members, most frequent first, so the
    // centroid rows a document touches sit close together in memory.
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for &i in members {
        for &(t, _) in &space.theme_vectors[i] {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    let mut terms: Vec<(u32, u32)> = df.into_iter().filter(|(_, n)| *n >= 2).collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let compact: FxHashMap<u32, u32> = terms
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (*t, i as u32))
        .collect();
    let original: Vec<u32> = terms.iter().map(|(t, _)| *t).collect();
    let vocab = original.len().max(1);
    let owned: Vec<Vector> = members
        .par_iter()
        .map(|&i| {
            let mut v: Vector = space.theme_vectors[i]
                .iter()
                .filter_map(|(t, w)| compact.get(t).map(|&c| (c, *w)))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
            for e in v.iter_mut() {
                e.1 /= norm;
            }
            v.sort_unstable_by_key(|e| e.0);
            v
        })
        .collect();
    let vecs: Vec<&Vector> = owned.iter().collect();
    let keys: Vec<u64> = members.iter().map(|&i| space.keys[i]).collect();
    // Large collections: the themes are fitted on a sample (the items with the smallest keys,
    // a fixed set while editing) and every item then joins its nearest theme, so the cost
    // grows linearly with the collection rather than with it times the number of themes.
    let sample: Vec<usize> = if vecs.len() > THEME_SAMPLE {
        let mut by_key: Vec<usize> = (0..vecs.len()).collect();
        by_key.select_nth_unstable_by_key(THEME_SAMPLE, |&i| (keys[i], i));
        by_key.truncate(THEME_SAMPLE);
        by_key.sort_unstable();
        by_key
    } else {
        (0..vecs.len()).collect()
    };
    let fit_vecs: Vec<&Vector> = sample.iter().map(|&i| vecs[i]).collect();
    let fit_keys: Vec<u64> = sample.iter().map(|&i| keys[i]).collect();
    let (fitted, _) = THEME_SEEDS
        .iter()
        .map(|&seed| kmeans_run(vocab, &fit_vecs, &fit_keys, k.min(fit_vecs.len()), seed))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("at least one seed");
    let assign = if sample.len() == vecs.len() {
        fitted
    } else {
        let k = fitted.iter().max().map_or(0, |m| m + 1);
        let centroids = Centroids::from_assignment(vocab, k, &fit_vecs, &fitted);
        vecs.par_iter()
            .map_init(Vec::new, |scores, v| centroids.best(v, scores).0)
            .collect()
    };
    let k = assign.iter().max().map_or(0, |m| m + 1);
    let centroids = Centroids::from_assignment(vocab, k, &vecs, &assign);
    let mut sizes = vec![0usize; k];
    for &c in &assign {
        sizes[c] += 1;
    }
    let mut remap = vec![usize::MAX; k];
    let mut top: Vec<Vec<u32>> = Vec::new();
    for c in 0..k {
        if sizes[c] > 0 {
            remap[c] = top.len();
            top.push(
                centroids
                    .distinctive_terms(c, 10, &sizes)
                    .into_iter()
                    .map(|t| original[t as usize])
                    .collect(),
            );
        }
    }
    (assign.into_iter().map(|c| remap[c]).collect(), top)
}
