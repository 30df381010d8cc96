//! The built-in reference vocabularies: GDC objectives, SDGs, WSIS action lines and the Pact's
//! chapters. Their members exist in every graph without being declared, so any dataset can link
//! to them.

use std::fmt;
use std::str::FromStr;

use super::id::{IdError, serde_via_str};

/// One of the five objectives of the Global Digital Compact (A/RES/79/1, annex I), in the
/// Compact's own order.
///
/// The set is fixed by the Compact, so the enum is exhaustive. It orders as the Compact numbers
/// the objectives.
///
/// # Example
/// ```
/// use gdc_map::Objective;
///
/// let ai: Objective = "5".parse()?;
/// assert_eq!(ai, Objective::AiGovernance);
/// assert_eq!(ai.code(), "ai-governance");
/// assert_eq!(
///     ai.title(),
///     "Enhance international governance of artificial intelligence for the benefit of humanity",
/// );
/// assert_eq!("ai-governance".parse::<Objective>()?, ai);
/// assert_eq!(Objective::ALL.len(), 5);
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Objective {
    /// Objective 1: close all digital divides and accelerate progress across the SDGs.
    DigitalDivides,
    /// Objective 2: expand inclusion in and benefits from the digital economy for all.
    DigitalEconomy,
    /// Objective 3: an inclusive, open, safe and secure digital space that respects human rights.
    DigitalSpace,
    /// Objective 4: responsible, equitable and interoperable data governance.
    DataGovernance,
    /// Objective 5: international governance of AI for the benefit of humanity.
    AiGovernance,
}

impl Objective {
    /// All five objectives, in order.
    pub const ALL: [Objective; 5] = [
        Objective::DigitalDivides,
        Objective::DigitalEconomy,
        Objective::DigitalSpace,
        Objective::DataGovernance,
        Objective::AiGovernance,
    ];

    /// The objective's number in the Compact, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            Objective::DigitalDivides => 1,
            Objective::DigitalEconomy => 2,
            Objective::DigitalSpace => 3,
            Objective::DataGovernance => 4,
            Objective::AiGovernance => 5,
        }
    }

    /// The objective with this number, if any.
    pub fn from_number(n: u8) -> Option<Objective> {
        Objective::ALL.into_iter().find(|o| o.number() == n)
    }

    /// A stable, kebab-case code: `digital-divides`, `digital-economy`, `digital-space`,
    /// `data-governance`, `ai-governance`.
    pub fn code(self) -> &'static str {
        match self {
            Objective::DigitalDivides => "digital-divides",
            Objective::DigitalEconomy => "digital-economy",
            Objective::DigitalSpace => "digital-space",
            Objective::DataGovernance => "data-governance",
            Objective::AiGovernance => "ai-governance",
        }
    }

    /// The official English title.
    pub fn title(self) -> &'static str {
        match self {
            Objective::DigitalDivides => {
                "Close all digital divides and accelerate progress across the Sustainable \
                 Development Goals"
            }
            Objective::DigitalEconomy => {
                "Expand inclusion in and benefits from the digital economy for all"
            }
            Objective::DigitalSpace => {
                "Foster an inclusive, open, safe and secure digital space that respects, protects \
                 and promotes human rights"
            }
            Objective::DataGovernance => {
                "Advance responsible, equitable and interoperable data governance approaches"
            }
            Objective::AiGovernance => {
                "Enhance international governance of artificial intelligence for the benefit of \
                 humanity"
            }
        }
    }

    /// The title as the source document (ITU's Chinese text) renders it.
    pub fn title_zh(self) -> &'static str {
        match self {
            Objective::DigitalDivides => "弥合所有数字鸿沟，加快实现可持续发展目标",
            Objective::DigitalEconomy => "扩大数字经济的包容性并惠及人人",
            Objective::DigitalSpace => "营造尊重、保护和促进人权的包容、开放、安全和可靠的数字空间",
            Objective::DataGovernance => "推进负责任、公平和可互操作的数据管理方法",
            Objective::AiGovernance => "加强人工智能的国际治理，造福人类",
        }
    }
}

impl FromStr for Objective {
    type Err = IdError;
    /// Accepts the number (`"1"`) or the code (`"digital-divides"`).
    fn from_str(s: &str) -> Result<Self, IdError> {
        Objective::ALL
            .into_iter()
            .find(|o| o.code() == s || s == o.number().to_string())
            .ok_or_else(|| IdError::new("objective", s, "expected 1 to 5 or an objective code"))
    }
}

impl fmt::Display for Objective {
    /// `Objective 1`, …; the alternate form `{:#}` adds the title.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "Objective {}: {}", self.number(), self.title())
        } else {
            write!(f, "Objective {}", self.number())
        }
    }
}

/// One of the 17 Sustainable Development Goals, identified by its number.
///
/// # Example
/// ```
/// use gdc_map::Sdg;
///
/// let sdg = Sdg::new(9)?;
/// assert_eq!(sdg.uri(), "http://metadata.un.org/sdg/9");
/// assert_eq!(sdg.title(), "Industry, Innovation and Infrastructure");
/// assert!(Sdg::new(18).is_err());
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sdg(u8);

/// The SDGs' short titles (A/RES/70/1), indexed by goal number minus one.
const SDG_TITLES: [&str; 17] = [
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
];

impl Sdg {
    /// Goal `n`, 1 to 17.
    ///
    /// # Errors
    /// [`IdError`] when `n` is outside 1..=17.
    pub fn new(n: u8) -> Result<Sdg, IdError> {
        if (1..=17).contains(&n) {
            Ok(Sdg(n))
        } else {
            Err(IdError::new(
                "SDG",
                &n.to_string(),
                "expected a goal number from 1 to 17",
            ))
        }
    }

    /// All 17 goals, in order.
    pub fn all() -> impl Iterator<Item = Sdg> {
        (1..=17).map(Sdg)
    }

    /// The goal number, 1 to 17.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The goal's short title.
    pub fn title(self) -> &'static str {
        SDG_TITLES
            .get(usize::from(self.0).wrapping_sub(1))
            .copied()
            .unwrap_or_default()
    }

    /// The goal's IRI in the UN SDG Knowledge Organization System: `http://metadata.un.org/sdg/N`.
    pub fn uri(self) -> String {
        format!("http://metadata.un.org/sdg/{}", self.0)
    }
}

impl FromStr for Sdg {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let bad = || IdError::new("SDG", s, "expected a goal number from 1 to 17");
        if s.is_empty()
            || s.len() > 2
            || s.starts_with('0')
            || !s.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        s.parse::<u8>()
            .ok()
            .and_then(|n| Sdg::new(n).ok())
            .ok_or_else(bad)
    }
}

impl fmt::Display for Sdg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A WSIS action line of the Geneva Plan of Action, C1 to C11, or one of C7's eight sub-lines.
///
/// # Example
/// ```
/// use gdc_map::ActionLine;
///
/// let line: ActionLine = "C7.e-health".parse()?;
/// assert_eq!(line, ActionLine::C7EHealth);
/// assert_eq!(line.parent(), Some(ActionLine::C7));
/// assert_eq!(ActionLine::C5.title(), "Building confidence and security in the use of ICTs");
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // each variant is documented by its `code` and `title`
pub enum ActionLine {
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    C7,
    C7EGovernment,
    C7EBusiness,
    C7ELearning,
    C7EHealth,
    C7EEmployment,
    C7EEnvironment,
    C7EAgriculture,
    C7EScience,
    C8,
    C9,
    C10,
    C11,
}

impl ActionLine {
    /// Every action line and sub-line, in order.
    pub const ALL: [ActionLine; 19] = [
        ActionLine::C1,
        ActionLine::C2,
        ActionLine::C3,
        ActionLine::C4,
        ActionLine::C5,
        ActionLine::C6,
        ActionLine::C7,
        ActionLine::C7EGovernment,
        ActionLine::C7EBusiness,
        ActionLine::C7ELearning,
        ActionLine::C7EHealth,
        ActionLine::C7EEmployment,
        ActionLine::C7EEnvironment,
        ActionLine::C7EAgriculture,
        ActionLine::C7EScience,
        ActionLine::C8,
        ActionLine::C9,
        ActionLine::C10,
        ActionLine::C11,
    ];

    /// The code: `C1` … `C11`, and `C7.e-government` … `C7.e-science` for C7's sub-lines.
    pub fn code(self) -> &'static str {
        self.entry().0
    }

    /// The official title (for a sub-line, the sub-line's name).
    pub fn title(self) -> &'static str {
        self.entry().1
    }

    /// For a C7 sub-line, [`ActionLine::C7`]; otherwise `None`.
    pub fn parent(self) -> Option<ActionLine> {
        let sub = matches!(
            self,
            ActionLine::C7EGovernment
                | ActionLine::C7EBusiness
                | ActionLine::C7ELearning
                | ActionLine::C7EHealth
                | ActionLine::C7EEmployment
                | ActionLine::C7EEnvironment
                | ActionLine::C7EAgriculture
                | ActionLine::C7EScience
        );
        sub.then_some(ActionLine::C7)
    }

    fn entry(self) -> (&'static str, &'static str) {
        match self {
            ActionLine::C1 => (
                "C1",
                "The role of public governance authorities and all stakeholders in the promotion \
                 of ICTs for development",
            ),
            ActionLine::C2 => ("C2", "Information and communication infrastructure"),
            ActionLine::C3 => ("C3", "Access to information and knowledge"),
            ActionLine::C4 => ("C4", "Capacity building"),
            ActionLine::C5 => ("C5", "Building confidence and security in the use of ICTs"),
            ActionLine::C6 => ("C6", "Enabling environment"),
            ActionLine::C7 => ("C7", "ICT applications"),
            ActionLine::C7EGovernment => ("C7.e-government", "E-government"),
            ActionLine::C7EBusiness => ("C7.e-business", "E-business"),
            ActionLine::C7ELearning => ("C7.e-learning", "E-learning"),
            ActionLine::C7EHealth => ("C7.e-health", "E-health"),
            ActionLine::C7EEmployment => ("C7.e-employment", "E-employment"),
            ActionLine::C7EEnvironment => ("C7.e-environment", "E-environment"),
            ActionLine::C7EAgriculture => ("C7.e-agriculture", "E-agriculture"),
            ActionLine::C7EScience => ("C7.e-science", "E-science"),
            ActionLine::C8 => (
                "C8",
                "Cultural diversity and identity, linguistic diversity and local content",
            ),
            ActionLine::C9 => ("C9", "Media"),
            ActionLine::C10 => ("C10", "Ethical dimensions of the Information Society"),
            ActionLine::C11 => ("C11", "International and regional cooperation"),
        }
    }
}

impl FromStr for ActionLine {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        ActionLine::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| {
                IdError::new(
                    "WSIS action line",
                    s,
                    "expected C1 to C11 or a C7 sub-line such as `C7.e-health`",
                )
            })
    }
}

impl fmt::Display for ActionLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One of the five chapters of the Pact for the Future (A/RES/79/1).
///
/// # Example
/// ```
/// use gdc_map::PactChapter;
///
/// let ch: PactChapter = "3".parse()?;
/// assert_eq!(ch.title(), "Science, technology and innovation and digital cooperation");
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PactChapter {
    /// Chapter I: sustainable development and financing for development.
    SustainableDevelopment,
    /// Chapter II: international peace and security.
    PeaceAndSecurity,
    /// Chapter III: science, technology and innovation and digital cooperation.
    ScienceTechnologyInnovation,
    /// Chapter IV: youth and future generations.
    YouthAndFutureGenerations,
    /// Chapter V: transforming global governance.
    GlobalGovernance,
}

impl PactChapter {
    /// All five chapters, in order.
    pub const ALL: [PactChapter; 5] = [
        PactChapter::SustainableDevelopment,
        PactChapter::PeaceAndSecurity,
        PactChapter::ScienceTechnologyInnovation,
        PactChapter::YouthAndFutureGenerations,
        PactChapter::GlobalGovernance,
    ];

    /// The chapter number, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            PactChapter::SustainableDevelopment => 1,
            PactChapter::PeaceAndSecurity => 2,
            PactChapter::ScienceTechnologyInnovation => 3,
            PactChapter::YouthAndFutureGenerations => 4,
            PactChapter::GlobalGovernance => 5,
        }
    }

    /// The chapter's title.
    pub fn title(self) -> &'static str {
        match self {
            PactChapter::SustainableDevelopment => {
                "Sustainable development and financing for development"
            }
            PactChapter::PeaceAndSecurity => "International peace and security",
            PactChapter::ScienceTechnologyInnovation => {
                "Science, technology and innovation and digital cooperation"
            }
            PactChapter::YouthAndFutureGenerations => "Youth and future generations",
            PactChapter::GlobalGovernance => "Transforming global governance",
        }
    }
}

impl FromStr for PactChapter {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        PactChapter::ALL
            .into_iter()
            .find(|c| s == c.number().to_string())
            .ok_or_else(|| IdError::new("Pact chapter", s, "expected a chapter number from 1 to 5"))
    }
}

impl fmt::Display for PactChapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Chapter {}", self.number())
    }
}

serde_via_str!(ActionLine, Sdg);

// Objectives and chapters travel as their numbers in text ("1"), matching their `EntityId` form.
macro_rules! serde_via_number {
    ($($ty:ty),*) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.number())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::model::id::deserialize_with_str(d, str::parse)
            }
        }
    )*};
}
serde_via_number!(Objective, PactChapter);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objective_numbers_and_codes_round_trip() {
        for o in Objective::ALL {
            assert_eq!(o.number().to_string().parse::<Objective>().unwrap(), o);
            assert_eq!(o.code().parse::<Objective>().unwrap(), o);
            assert_eq!(Objective::from_number(o.number()), Some(o));
        }
        assert!("0".parse::<Objective>().is_err());
        assert!("6".parse::<Objective>().is_err());
        assert!("".parse::<Objective>().is_err());
    }

    #[test]
    fn action_line_codes_are_unique_and_parse() {
        for l in ActionLine::ALL {
            assert_eq!(l.code().parse::<ActionLine>().unwrap(), l);
        }
        assert_eq!(
            ActionLine::ALL
                .iter()
                .filter(|l| l.parent().is_some())
                .count(),
            8
        );
    }

    #[test]
    fn sdg_bounds() {
        assert_eq!(Sdg::all().count(), 17);
        assert!("0".parse::<Sdg>().is_err());
        assert!("09".parse::<Sdg>().is_err());
        assert_eq!(
            "17".parse::<Sdg>().unwrap().title(),
            "Partnerships for the Goals"
        );
    }
}
