/**
 * Hypernetworks generated automatically from any target {@link org.equitrain.nn.Module} (PLE spec §4, after
 * torchhyper): {@link org.equitrain.autophagy.hypernet.ParamTemplate} reads the target's parameters once;
 * {@link org.equitrain.autophagy.hypernet.Hypernetwork} encodes a data set with a per-sample MLP, mean pooling and an
 * optional outer net, and its heads (dense, chunked or low-rank, {@link org.equitrain.autophagy.hypernet.HeadsConfig})
 * emit every target tensor under the target's names; {@link org.equitrain.autophagy.hypernet.ParamConstraints} map raw
 * head outputs to valid model parameters (softplus, softmax, Cholesky).
 *
 * <pre>{@code
 * Module target = Mlp.of(3, 16, 1);
 * Hypernetwork h = new Hypernetwork(target, HypernetConfig.of(3, 64, 128).withHeads(HeadsConfig.chunked(512, 16)));
 * Params phi = Params.init(h, DType.FLOAT32, 0);
 * Var y = target.forward(h.generate(phi, dataSet), x);   // gradients of y reach phi
 * System.out.println(h.sizeReport());
 * }</pre>
 */
package org.equitrain.autophagy.hypernet;
