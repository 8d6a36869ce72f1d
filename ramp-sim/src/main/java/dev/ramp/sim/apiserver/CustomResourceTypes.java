package dev.ramp.sim.apiserver;

import dev.ramp.sim.apiserver.ResourceType.PrinterColumn;
import dev.ramp.sim.apiserver.ResourceType.ScalePaths;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The resource types a CRD defines: one per served version. */
final class CustomResourceTypes {
  private CustomResourceTypes() {}

  static List<ResourceType> of(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().stream()
        .filter(version -> !Boolean.FALSE.equals(version.getServed()))
        .map(version -> of(crd, version))
        .toList();
  }

  private static ResourceType of(CustomResourceDefinition crd,
      CustomResourceDefinitionVersion version) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    Optional<CustomResourceSubresources> subresources =
        Optional.ofNullable(version.getSubresources());
    return new ResourceType(crd.getSpec().getGroup(), version.getName(), names.getPlural(),
        Objects.requireNonNullElse(names.getSingular(), names.getKind().toLowerCase()),
        names.getKind(), "Namespaced".equals(crd.getSpec().getScope()),
        Objects.requireNonNullElse(names.getShortNames(), List.of()),
        Objects.requireNonNullElse(names.getCategories(), List.of()),
        subresources.map(CustomResourceSubresources::getStatus).isPresent(),
        subresources.map(CustomResourceSubresources::getScale)
            .map(CustomResourceTypes::scalePaths).orElse(null),
        columns(version));
  }

  private static ScalePaths scalePaths(CustomResourceSubresourceScale scale) {
    return new ScalePaths(scale.getSpecReplicasPath(), scale.getStatusReplicasPath(),
        scale.getLabelSelectorPath());
  }

  /** The declared printer columns or, as the API server defaults them, just the age. */
  private static List<PrinterColumn> columns(CustomResourceDefinitionVersion version) {
    List<CustomResourceColumnDefinition> declared = version.getAdditionalPrinterColumns();
    return declared == null || declared.isEmpty()
        ? List.of(PrinterColumn.AGE)
        : declared.stream().map(CustomResourceTypes::column).toList();
  }

  private static PrinterColumn column(CustomResourceColumnDefinition column) {
    return new PrinterColumn(column.getName(), column.getType(), column.getJsonPath(),
        Objects.requireNonNullElse(column.getDescription(), ""),
        Objects.requireNonNullElse(column.getPriority(), 0));
  }
}
