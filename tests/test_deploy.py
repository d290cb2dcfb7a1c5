"""Deployment files stay consistent with the code."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.settings import Settings

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"


def test_every_setting_is_documented() -> None:
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = [name.upper() for name in Settings.model_fields]
    missing = [name for name in names if f"`{name}`" not in reference]
    assert missing == []


def test_the_image_runs_as_an_unprivileged_user() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "USER 10001" in dockerfile
    assert "-slim" in dockerfile


def test_compose_runs_migrations_before_web_and_worker() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully")
    assert services["web"]["command"] == ["serve", "--no-worker"]


def test_kubernetes_probes_use_healthz() -> None:
    documents = []
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        documents += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    assert ("Deployment", "sciatica-bot-web") in kinds
    assert ("Deployment", "sciatica-bot-worker") in kinds
    assert ("Service", "sciatica-bot-web") in kinds
    assert ("Job", "sciatica-bot-migrate") in kinds
    for document in documents:
        if document["kind"] != "Deployment":
            continue
        container = document["spec"]["template"]["spec"]["containers"][0]
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    web = next(d for d in documents if d["metadata"]["name"] == "sciatica-bot-web"
               and d["kind"] == "Deployment")
    assert web["spec"]["replicas"] > 1


def test_every_secret_setting_has_a_place_in_the_example_secret() -> None:
    example = yaml.safe_load((DEPLOY / "kubernetes" / "secret.example.yaml").read_text())
    secrets = {name.upper() for name, field in Settings.model_fields.items()
               if "SecretStr" in str(field.annotation)}
    assert secrets <= set(example["stringData"])


def test_pods_with_a_read_only_root_can_still_draw_charts() -> None:
    assert "MPLCONFIGDIR=/tmp/" in (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    for name in ("web.yaml", "worker.yaml"):
        documents = yaml.safe_load_all((DEPLOY / "kubernetes" / name).read_text())
        deployment = next(d for d in documents if d["kind"] == "Deployment")
        pod = deployment["spec"]["template"]
        container = pod["spec"]["containers"][0]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]]  # noqa: S108 - a path in the pod


def test_the_image_health_check_follows_the_process_it_runs() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8"))
    worker = compose["services"]["worker"]
    port = worker["command"][worker["command"].index("--metrics-port") + 1]
    assert worker["environment"]["HEALTH_PORT"] == port
    assert "HEALTH_PORT" in (DEPLOY / "Dockerfile").read_text(encoding="utf-8")


def test_secrets_are_not_committed() -> None:
    example = yaml.safe_load((DEPLOY / "kubernetes" / "secret.example.yaml").read_text())
    for key, value in example["stringData"].items():
        assert value == "" or "CHANGE-ME" in value, key
