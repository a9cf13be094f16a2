-- One database per service: no service reads another's tables (see shared spec 01-architecture).
-- Run once by the postgres image's entrypoint (docker-entrypoint-initdb.d) when its data volume is empty,
-- as the POSTGRES_USER (onewindow), who therefore owns them. Keep this list in step with
-- deploy/local/infra.sh and k8s/base/postgres/cluster.yaml.
CREATE DATABASE ow_gateway;
CREATE DATABASE ow_intake;
CREATE DATABASE ow_registration;
CREATE DATABASE ow_project_review;
CREATE DATABASE ow_trading;
CREATE DATABASE ow_enforcement;
CREATE DATABASE ow_oversight;
