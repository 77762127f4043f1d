/**
 * Kubernetes: load workers as an Indexed Job ({@code bench --workers N --k8s}), with the API key in a
 * Secret the pods read (never in the Job spec), and experiment conditions as deployments applied from
 * manifests, waited for, run against and deleted. Everything created is deleted again on success, failure
 * and Ctrl-C. Talks to the cluster through fabric8's client (kubeconfig or in-cluster service account).
 */
package dev.servebench.k8s;
