//! Injury scenarios and the builder that assembles one step by step.

use crate::matrix::Severity;
use crate::probability::Probability;

/// One step of an injury scenario: an event on the way to the injury and its probability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub description: Option<String>,
    pub probability: Probability,
}

/// Free texts that describe a scenario; they are echoed, never interpreted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub description: Option<String>,
    pub hazard: Option<String>,
    pub injury: Option<String>,
    /// The consumer group, e.g. the intended user or a vulnerable group (children under 36 months).
    pub consumer: Option<String>,
}

/// An injury scenario: the severity of its injury and the overall probability that it happens
/// during the product's foreseeable lifetime (the product of its steps, if it has steps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    severity: Severity,
    steps: Vec<Step>,
    probability: Probability,
    pub context: Context,
}

impl Scenario {
    /// A scenario given by its overall probability only.
    pub fn new(severity: Severity, probability: Probability) -> Self {
        Self {
            severity,
            steps: Vec::new(),
            probability,
            context: Context::default(),
        }
    }

    /// Starts a scenario to be described step by step.
    pub fn builder(severity: Severity) -> ScenarioBuilder {
        ScenarioBuilder {
            severity,
            steps: Vec::new(),
            context: Context::default(),
        }
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn probability(&self) -> &Probability {
        &self.probability
    }

    #[must_use]
    pub fn with_context(mut self, context: Context) -> Self {
        self.context = context;
        self
    }
}

/// Builds a scenario from its steps; [`crate::assess`] then shows, step by step, the cumulative
/// probability and which step changed the scenario's level.
#[derive(Debug, Clone)]
pub struct ScenarioBuilder {
    severity: Severity,
    steps: Vec<Step>,
    context: Context,
}

impl ScenarioBuilder {
    #[must_use]
    pub fn step(mut self, description: impl Into<String>, probability: Probability) -> Self {
        self.steps.push(Step {
            description: Some(description.into()),
            probability,
        });
        self
    }

    /// Appends an already-built step (description optional).
    #[must_use]
    pub fn push(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    #[must_use]
    pub fn context(mut self, context: Context) -> Self {
        self.context = context;
        self
    }

    /// The scenario, its overall probability being the exact product of the steps
    /// (1 if there are none).
    pub fn build(self) -> Scenario {
        let probability = self
            .steps
            .iter()
            .fold(Probability::one(), |acc, s| &acc * &s.probability);
        Scenario {
            severity: self.severity,
            steps: self.steps,
            probability,
            context: self.context,
        }
    }
}
