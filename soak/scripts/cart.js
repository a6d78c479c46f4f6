// Session churn: ?op=add puts an item in the cart, ?op=read answers it, ?op=logout invalidates.
var session = require('http/v4/session');
var request = require('http/v4/request');
var response = require('http/v4/response');
var op = request.getParameter('op');
if (op === 'logout') {
  session.invalidate();
  response.print('bye');
} else {
  var cart = session.getAttribute('cart') || { owner: request.getParameter('owner'), items: [] };
  if (op === 'add') {
    cart.items.push(request.getParameter('item'));
    session.setAttribute('cart', cart);
  }
  response.setContentType('application/json');
  response.print(JSON.stringify(cart));
}
