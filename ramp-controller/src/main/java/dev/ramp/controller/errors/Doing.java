package dev.ramp.controller.errors;

/**
 * What one reconcile is busy with, so that an error it did not expect can say where it came
 * from. A step that handles Secret values is marked, so that the error's own message (which may
 * quote such a value) is left out of what people see.
 */
public final class Doing {
  private String what;
  private boolean secrets;

  public Doing(String what) {
    now(what);
  }

  /** From now on, the reconcile is {@code what} (e.g. "deciding"). */
  public void now(String what) {
    this.what = what;
    this.secrets = false;
  }

  /** From now on, the reconcile is {@code what}, which handles Secret values. */
  public void nowWithSecrets(String what) {
    this.what = what;
    this.secrets = true;
  }

  String what() {
    return what;
  }

  boolean secrets() {
    return secrets;
  }
}
