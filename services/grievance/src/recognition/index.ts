/** How a report is recognised as a complaint, what kind, about whom, and how severe. */
export { findCues, CUE_TERMS, type Cue, type CueKind, type NamedOfficeBearer } from './complaint-cues';
export { recogniseComplaint, type ComplaintSubject, type RecognisedComplaint, type Recognition } from './recognise-complaint';
export { assessSeverity, maxSeverity, SEVERITIES, type Severity, type SeverityAssessment } from './severity';
