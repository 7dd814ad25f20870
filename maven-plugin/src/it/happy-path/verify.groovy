// generate wrote one folder per target, with the versions and the options of the cilium and calico targets, and a
// kustomization; check reported the same for each target.
def out = new File(basedir, 'target/generated-resources/netlingua')
def k8s = new File(out, 'kubernetes/shop/web.yaml')
assert k8s.isFile() : "missing ${k8s}"
def k8sText = k8s.text
assert k8sText.contains('kind: NetworkPolicy')
assert k8sText.contains('port: 8080')
def kust = new File(out, 'kubernetes/kustomization.yaml')
assert kust.isFile()
assert kust.text.contains('shop/web.yaml')
// cilium 1.17 with allow-localhost=policy: the agent polices the host, so the isolated ingress allows it.
def cilium = new File(out, 'cilium/shop/web.yaml')
assert cilium.isFile() : "missing ${cilium}"
def ciliumText = cilium.text
assert ciliumText.contains('kind: CiliumNetworkPolicy')
assert ciliumText.contains('port: "8080"')
assert ciliumText.contains('''  - fromEntities:
    - host''') : "the allow-localhost option did not reach the cilium target"
assert new File(out, 'cilium/kustomization.yaml').text.contains('shop/web.yaml')
def tier = new File(out, 'calico/tiers/apps.yaml')
assert tier.isFile() : "the tier option did not reach the calico target"
assert tier.text.contains('kind: Tier')
def policy = new File(out, 'calico/apps.shop-web.yaml')
assert policy.isFile()
assert policy.text.contains('tier: apps')
assert new File(out, 'calico/kustomization.yaml').text.contains('tiers/apps.yaml')
def log = new File(basedir, 'build.log').text
assert log.contains('netlingua kubernetes 1.35: 1 object(s) in ')
assert log.contains('netlingua cilium 1.17: 1 object(s) in ')
assert log.contains('netlingua calico 3.29: 2 object(s) in ')
assert log.contains('netlingua kubernetes 1.35: 1 object(s), checked')
assert log.contains('netlingua cilium 1.17: 1 object(s), checked')
assert log.contains('netlingua calico 3.29: 2 object(s), checked')
// The log states the fact the cilium output relies on, the agent's setting the option gave.
assert log.contains("info[NL3904]: cilium: the agent's allow-localhost is policy")
// Nothing left behind by the atomic replacement.
assert out.list().sort() == ['calico', 'cilium', 'kubernetes']
// attach: the resources plugin copied the output folder into target/classes.
assert new File(basedir, 'target/classes/kubernetes/shop/web.yaml').isFile()
assert new File(basedir, 'target/classes/calico/tiers/apps.yaml').isFile()
assert new File(basedir, 'target/classes/cilium/shop/web.yaml').isFile()
return true
