package dev.ramp.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The port through which Ramp reads and changes a cluster's objects, as JSON so that every field
 * Ramp does not manage goes back exactly as it came. The controller adapts the Kubernetes API to
 * it; the virtual cluster of the engine's scenario tests and the benchmarks adapts an in-memory
 * store, so both run the same {@link Actuator} and traffic routers.
 *
 * <p>A {@code metadata.resourceVersion} in an object or patch written is a precondition: the
 * write fails with a conflict when the stored object has another.
 */
public interface ClusterObjects {

  /** The object, or null when there is none. */
  ObjectNode get(ObjectKey key);

  /**
   * Creates the object and returns it as stored.
   *
   * @throws AlreadyExists when an object of its name exists
   */
  ObjectNode create(ObjectNode object);

  /**
   * Creates the object, or finds it when it is already there (the answer to an earlier create
   * may have been lost). A conflict about an object that is not there is not taken for done: it
   * is thrown, and the reconcile that asked is retried.
   */
  default void createOrFind(ObjectNode object) {
    try {
      create(object);
    } catch (AlreadyExists e) {
      if (get(ObjectKey.of(object)) == null) {
        throw e;
      }
    }
  }

  /** Applies a JSON merge patch (RFC 7386) to the object and returns it as stored. */
  ObjectNode patch(ObjectKey key, ObjectNode mergePatch);

  /** Replaces the object (not its status) and returns it as stored. */
  ObjectNode replace(ObjectNode object);

  /** Deletes the object; one that is already gone counts as deleted. */
  void delete(ObjectKey key);

  /** Whether the CustomResourceDefinition of this name is installed. */
  boolean crdInstalled(String crdName);

  /** A create found an object of that name already there. */
  final class AlreadyExists extends RuntimeException {
    public AlreadyExists(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
