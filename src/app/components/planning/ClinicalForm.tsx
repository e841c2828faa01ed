/**
 * The clinical form: age, BMI (typed, or computed from height and weight)
 * and the radiological size, pre-filled from the mask with its source shown.
 * Each field shows its own error, once the user has edited or left it (or
 * tried to submit; see clinicalForm.shownErrors), or a warning when the value
 * lies outside the training data. Values are kept in planningStore (and
 * survive a reload).
 */
import type { PlanningFeatures } from '../../../core/planning/planningFeatures';
import { usePlanningStore } from '../../store/planningStore';
import { FORM_FIELDS, shownErrors, type FormCheck, type FormField } from './clinicalForm';
import { formatNumber } from './performanceText';

interface FieldProps {
  field: FormField;
  label: string;
  unit: string;
  value: string;
  /** The error to show now (see shownErrors). */
  error: string | undefined;
  warning: string | undefined;
  onChange(value: string): void;
  /** The user left the field. */
  onLeave(): void;
  children?: React.ReactNode;
}

function Field(props: FieldProps) {
  const { field, label, unit, value, error, warning, children } = props;
  const id = `plan-${field}`;
  return (
    <div className="plan-field">
      <label htmlFor={id}>
        {label} ({unit})
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || warning ? `${id}-message` : undefined}
        data-testid={id}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onLeave}
        onKeyDown={(e) => {
          // Enter asks for the plan: a form of several fields does not submit by itself.
          if (e.key === 'Enter') e.currentTarget.form?.requestSubmit();
        }}
      />
      {error && (
        <p id={`${id}-message`} className="field-error" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      {!error && warning && (
        <p id={`${id}-message`} className="field-warning" data-testid={`${id}-warning`}>
          {warning}
        </p>
      )}
      {children}
    </div>
  );
}

export interface ClinicalFormProps {
  check: FormCheck;
  /** Features of the current mask, for the size suggestion. */
  features: PlanningFeatures | null;
}

export function ClinicalForm({ check, features }: ClinicalFormProps) {
  const form = usePlanningStore((s) => s.form);
  const setForm = usePlanningStore((s) => s.setForm);
  const clearForm = usePlanningStore((s) => s.clearForm);
  const touched = usePlanningStore((s) => s.touched);
  const touch = usePlanningStore((s) => s.touch);
  const errors = shownErrors(check, form, touched);
  const field = (name: FormField) => ({
    field: name,
    value: form[name],
    error: errors[name],
    warning: check.errors[name] ? undefined : check.warnings[name],
    onChange: (value: string) => {
      setForm({ [name]: value });
      touch([name]);
    },
    onLeave: () => touch([name]),
  });

  const suggestion = features?.suggestedSizeCm;
  const showSuggestion =
    suggestion !== undefined &&
    (form.sizeSource !== 'mask' || form.sizeCm !== String(suggestion));

  return (
    <form
      className="plan-form"
      aria-label="Clinical data"
      data-testid="plan-form"
      onSubmit={(e) => {
        // The plan follows the form as it is typed; a submit shows every error.
        e.preventDefault();
        touch(FORM_FIELDS);
      }}
      noValidate
    >
      <Field {...field('ageYears')} label="Age" unit="years" />

      <fieldset className="plan-bmi-mode">
        <legend>Body-mass index from</legend>
        <label>
          <input
            type="radio"
            name="bmi-mode"
            checked={form.bmiMode === 'bmi'}
            onChange={() => setForm({ bmiMode: 'bmi' })}
          />{' '}
          BMI
        </label>
        <label>
          <input
            type="radio"
            name="bmi-mode"
            checked={form.bmiMode === 'heightWeight'}
            onChange={() => setForm({ bmiMode: 'heightWeight' })}
          />{' '}
          height and weight
        </label>
      </fieldset>

      {form.bmiMode === 'bmi' ? (
        <Field {...field('bmi')} label="BMI" unit="kg/m²" />
      ) : (
        <>
          <Field {...field('heightCm')} label="Height" unit="cm" />
          <Field {...field('weightKg')} label="Weight" unit="kg" />
          <p className="plan-computed" data-testid="plan-computed-bmi">
            {check.computedBmi !== null
              ? `BMI ${formatNumber(check.computedBmi, 1)} kg/m² (computed: weight / height²)`
              : 'BMI: enter height and weight.'}
          </p>
          {errors.bmi && (
            <p className="field-error" data-testid="plan-bmi-error">
              {errors.bmi}
            </p>
          )}
          {!check.errors.bmi && check.warnings.bmi && (
            <p className="field-warning" data-testid="plan-bmi-warning">
              {check.warnings.bmi}
            </p>
          )}
        </>
      )}

      <Field {...field('sizeCm')} label="Radiological size" unit="cm">
        <p className="plan-source" data-testid="plan-size-source">
          {form.sizeSource === 'mask' &&
            `Source: the mask — ${features?.suggestedSizeSource ?? 'largest axial diameter of the segmented tumour'}.`}
          {form.sizeSource === 'user' && 'Source: entered by you.'}
        </p>
        {showSuggestion && (
          <p className="plan-suggestion">
            The mask suggests {suggestion} cm ({features?.suggestedSizeSource}).{' '}
            <button
              type="button"
              className="button small"
              onClick={() => setForm({ sizeCm: String(suggestion), sizeSource: 'mask' })}
            >
              Use {suggestion} cm
            </button>
          </p>
        )}
      </Field>

      <p className="plan-source">
        These values stay in this browser (never the images) until you clear them.{' '}
        <button type="button" className="button small" onClick={clearForm}>
          Clear the form
        </button>
      </p>
    </form>
  );
}
