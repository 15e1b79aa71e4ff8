//! The time budget: checked at the pipeline's phase boundaries, so a page that would take too
//! long ends with a partial result and a message instead of holding up the caller.

use web_time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Budget {
    started: Instant,
    limit: Option<Duration>,
}

impl Budget {
    /// A budget of `ms` milliseconds from `started` (`None`: unlimited; negative counts as 0).
    pub fn new(started: Instant, ms: Option<f64>) -> Budget {
        let limit = ms.map(|ms| Duration::from_secs_f64(ms.max(0.0) / 1000.0));
        Budget { started, limit }
    }

    /// An unlimited budget starting now.
    pub fn unlimited() -> Budget {
        Budget::new(Instant::now(), None)
    }

    /// `Some(message)` once the time is up, saying what was done and what was skipped.
    pub fn over(&self, done: &str, skipped: &str) -> Option<String> {
        let limit = self.limit?;
        let spent = self.started.elapsed();
        (spent >= limit).then(|| {
            format!(
                "time budget of {} ms used up after {done} ({:.1} ms); {skipped} skipped",
                limit.as_millis(),
                spent.as_secs_f64() * 1000.0
            )
        })
    }
}
